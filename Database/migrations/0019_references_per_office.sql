-- An eOtinish registration number or an e-mail's Message-ID is unique within the office that
-- received it, not across all offices: one office's number no longer blocks another's (a record
-- that names no office counts as one office, NULLS NOT DISTINCT). A follow-up message is unique
-- within its application.

ALTER TABLE applications DROP CONSTRAINT applications_channel_external_ref_key;
ALTER TABLE applications ADD CONSTRAINT applications_office_reference
    UNIQUE NULLS NOT DISTINCT (office_id, channel, external_ref);
CREATE INDEX applications_reference ON applications (channel, external_ref);

ALTER TABLE application_messages DROP CONSTRAINT application_messages_message_id_key;
ALTER TABLE application_messages ADD CONSTRAINT application_messages_application_message
    UNIQUE (application_id, message_id);
CREATE INDEX application_messages_message_id ON application_messages (message_id);
