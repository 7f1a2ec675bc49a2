-- Tell every app process at commit (NOTIFY is delivered only then) that what the dashboards show or the API
-- tokens changed, so it can keep the data version and verified tokens in memory (db/change-listener.ts).
CREATE OR REPLACE FUNCTION notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify(TG_ARGV[0], '');
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER data_changes_notify AFTER INSERT ON data_changes FOR EACH STATEMENT EXECUTE FUNCTION notify_change('throughline_data_changes');
--> statement-breakpoint
-- Any change to a token but its last use (written once a minute per token): revocation, and what later
-- columns (expiry, scopes) may add.
CREATE TRIGGER api_tokens_notify_update AFTER UPDATE ON api_tokens FOR EACH ROW
  WHEN ((to_jsonb(OLD) - 'last_used_at') IS DISTINCT FROM (to_jsonb(NEW) - 'last_used_at'))
  EXECUTE FUNCTION notify_change('throughline_api_tokens');
--> statement-breakpoint
CREATE TRIGGER api_tokens_notify_delete AFTER DELETE OR TRUNCATE ON api_tokens FOR EACH STATEMENT EXECUTE FUNCTION notify_change('throughline_api_tokens');
