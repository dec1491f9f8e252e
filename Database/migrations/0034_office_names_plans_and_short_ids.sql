-- Reference data an office's admin keeps: the other names an office is known by (eOtinish and the
-- mail write an office's full name, in Kazakh or Russian, in their own wording), and the action
-- plans and programmes of their country. And the short IDs the CLI prints: the last 8 hex digits
-- of a UUID (its random part; the first digits of a UUIDv7 are its creation time, shared by a
-- whole import), found through an index on them.

-- An alias is kept as written; `key` is OfficeName.key of it (no case, quotes or extra spaces),
-- unique across every office so a name never means two offices.
CREATE TABLE office_aliases (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    office_id   bigint NOT NULL REFERENCES offices (id),
    alias       text NOT NULL CHECK (length(btrim(alias)) BETWEEN 1 AND 500),
    key         text NOT NULL UNIQUE CHECK (length(key) > 0),
    added_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX office_aliases_office ON office_aliases (office_id);
GRANT SELECT, INSERT ON office_aliases TO adal_api;
ALTER TABLE office_aliases ENABLE ROW LEVEL SECURITY;
ALTER TABLE office_aliases FORCE ROW LEVEL SECURITY;
CREATE POLICY directory ON office_aliases FOR SELECT USING (true);
CREATE POLICY add_in_scope ON office_aliases FOR INSERT WITH CHECK (EXISTS (
    SELECT 1 FROM offices o WHERE o.id = office_aliases.office_id
      AND (adal_scope_all_regions() OR o.region_id = ANY (adal_scope_regions()))));

-- Plans are read by everybody; added by an account that sees their whole country.
GRANT INSERT ON action_plans, plan_items TO adal_api;
ALTER TABLE action_plans ENABLE ROW LEVEL SECURITY;
ALTER TABLE action_plans FORCE ROW LEVEL SECURITY;
CREATE POLICY directory ON action_plans FOR SELECT USING (true);
CREATE POLICY add_for_country ON action_plans FOR INSERT WITH CHECK (
    adal_scope_all_regions()
    OR (SELECT r.id FROM regions r WHERE r.code = action_plans.country) = ANY (adal_scope_regions()));
ALTER TABLE plan_items ENABLE ROW LEVEL SECURITY;
ALTER TABLE plan_items FORCE ROW LEVEL SECURITY;
CREATE POLICY directory ON plan_items FOR SELECT USING (true);
CREATE POLICY add_for_country ON plan_items FOR INSERT WITH CHECK (EXISTS (
    SELECT 1 FROM action_plans p JOIN regions r ON r.code = p.country
    WHERE p.id = plan_items.plan_id AND (adal_scope_all_regions() OR r.id = ANY (adal_scope_regions()))));

CREATE INDEX volunteers_short_id ON volunteers (right(id::text, 8));
CREATE INDEX applications_short_id ON applications (right(id::text, 8));
CREATE INDEX events_short_id ON events (right(id::text, 8));
CREATE INDEX people_short_id ON people (right(id::text, 8));
CREATE INDEX tasks_short_id ON tasks (right(id::text, 8));
