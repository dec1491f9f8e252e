-- The public form's scope may find or add its organisation in its region, not change one: its
-- policy on organisations (0023) covered every command, so a process holding adal_api's password
-- could have renamed any region's organisations through it.

DROP POLICY public_form_organisations ON organisations;
CREATE POLICY public_form_reads_organisations ON organisations FOR SELECT
    USING (region_id = (SELECT adal_scope_public_region()));
CREATE POLICY public_form_adds_organisations ON organisations FOR INSERT
    WITH CHECK (region_id = (SELECT adal_scope_public_region()));
