-- Reports in any of the five languages: a record's name in the reader's language, else in its own
-- (its country's state language: an Azerbaijani plan item's title in Azerbaijani, not in English),
-- else in English, else whichever it has.
CREATE FUNCTION adal_country_language(country text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE country WHEN 'KZ' THEN 'kk' WHEN 'UZ' THEN 'uz' WHEN 'AZ' THEN 'az' END
$$;

CREATE FUNCTION adal_name(names jsonb, reader text, country text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT coalesce(names ->> reader, names ->> adal_country_language(country), names ->> 'en',
                    (SELECT value FROM jsonb_each_text(names) ORDER BY key LIMIT 1))
$$;

GRANT EXECUTE ON FUNCTION adal_country_language(text), adal_name(jsonb, text, text) TO adal_api;

-- Held events whose record knows no date (the source text gives none): the action-plan report
-- counts them within their plan's years, found through this index.
CREATE INDEX events_undated ON events (region_id) WHERE starts_at IS NULL AND held_on IS NULL;
