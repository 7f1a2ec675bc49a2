-- Contact roll-ups and reason mappings change what the dashboards show: note them for the score cache, as in 0005.
CREATE TRIGGER contact_daily_rollups_note_data_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON contact_daily_rollups FOR EACH STATEMENT EXECUTE FUNCTION note_data_change();
--> statement-breakpoint
CREATE TRIGGER contact_monthly_rollups_note_data_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON contact_monthly_rollups FOR EACH STATEMENT EXECUTE FUNCTION note_data_change();
--> statement-breakpoint
CREATE TRIGGER contact_reason_mappings_note_data_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON contact_reason_mappings FOR EACH STATEMENT EXECUTE FUNCTION note_data_change();
