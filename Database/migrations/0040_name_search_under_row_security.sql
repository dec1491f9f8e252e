-- Row-level security keeps the API's queries to the caller's regions; but an operator that is not
-- leakproof (arraycontains, @>) may not be tested before the policy's own check, so under the
-- policy the name-key index could not be used and every search read all people (300 ms at a
-- million, Benchmarks/name-search.sh). The lookup through the index is done here, by the owner,
-- with the same scope the policy applies to an API session (an owner's session — the CLI, the
-- worker — sees every region, as it does without the function); the caller's query then reads
-- the people found, under its policy as before.
CREATE FUNCTION adal_people_with_all_name_keys(keys text[]) RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT p.id FROM people p
    WHERE p.name_keys @> keys
      AND (session_user <> 'adal_api' OR adal_scope_all_regions() OR p.region_id = ANY (adal_scope_regions()))
$$;

REVOKE ALL ON FUNCTION adal_people_with_all_name_keys(text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION adal_people_with_all_name_keys(text[]) TO adal_api;
