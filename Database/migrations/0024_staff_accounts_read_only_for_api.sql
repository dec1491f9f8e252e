-- Staff accounts are read by the API's role (signing in and finding a token's account come before
-- any scope) but no longer written by it: roles, regions, passwords and accounts are changed by the
-- operator's CLI, as the owner. (The staff console's admin pages will change them through definer
-- functions that check the acting admin's scope.)

REVOKE INSERT, UPDATE, DELETE ON staff_users FROM adal_api;
DROP POLICY authentication ON staff_users;
CREATE POLICY authentication ON staff_users FOR SELECT USING (true);
