-- Working days between two dates on a country's calendar, as reports count processing times:
-- the days after `from_day` up to and including `to_day` that are worked (Monday to Friday, unless
-- calendar_days makes the day a holiday; a weekend day it makes a working day counts).

CREATE FUNCTION adal_working_days(country text, from_day date, to_day date) RETURNS int
LANGUAGE sql STABLE AS $$
    SELECT count(*)::int
    FROM generate_series(from_day + 1, to_day, interval '1 day') AS d
    LEFT JOIN calendar_days c ON c.country = $1 AND c.day = d::date
    WHERE coalesce(c.kind = 'working', extract(isodow FROM d) < 6)
$$;
GRANT EXECUTE ON FUNCTION adal_working_days(text, date, date) TO adal_api;

-- How councils are rated: a methodology is a set of weighted criteria (kept in seeds/). Counts
-- (meetings held, hearings held, volunteers involved) are scored against a target per year,
-- prorated to the period; shares (quorum kept, tasks done on time) are their own score.
CREATE TABLE rating_criteria (
    methodology text NOT NULL CHECK (length(btrim(methodology)) > 0),
    key         text NOT NULL CHECK (key IN ('meetings_held', 'quorum_kept', 'tasks_on_time', 'hearings_held', 'volunteers_involved')),
    weight      numeric(6, 3) NOT NULL CHECK (weight > 0),
    target      numeric(8, 2) CHECK (target > 0),
    titles      jsonb NOT NULL CHECK (jsonb_typeof(titles) = 'object' AND titles ? 'en'),
    position    int NOT NULL,
    PRIMARY KEY (methodology, key),
    CHECK ((key IN ('quorum_kept', 'tasks_on_time')) = (target IS NULL))
);
GRANT SELECT ON rating_criteria TO adal_api;
