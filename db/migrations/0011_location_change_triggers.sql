-- Locations and their roll-ups change what the dashboards show, so they note themselves in data_changes
-- (the score cache's version), like the tables in 0005.
CREATE TRIGGER locations_note_data_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON locations FOR EACH STATEMENT EXECUTE FUNCTION note_data_change();
--> statement-breakpoint
CREATE TRIGGER location_daily_rollups_note_data_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON location_daily_rollups FOR EACH STATEMENT EXECUTE FUNCTION note_data_change();
--> statement-breakpoint
CREATE TRIGGER location_monthly_rollups_note_data_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON location_monthly_rollups FOR EACH STATEMENT EXECUTE FUNCTION note_data_change();
