-- Every statement that changes what the dashboards show notes itself in data_changes, which is the score
-- cache's version (server/scores/cache.ts). Statement-level, so a 1M-row import adds a few hundred rows,
-- not a million; raw survey_responses need none, since dashboards read the roll-ups it changes.
CREATE OR REPLACE FUNCTION note_data_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  noted bigint;
BEGIN
  INSERT INTO data_changes DEFAULT VALUES RETURNING id INTO noted;
  -- Keep the table small: only the count and the newest id matter.
  IF noted % 1000 = 0 THEN
    DELETE FROM data_changes WHERE id <= noted - 1000;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
DO $$
DECLARE
  watched text;
BEGIN
  FOREACH watched IN ARRAY ARRAY['departments', 'users', 'journeys', 'journey_stages', 'touchpoints', 'stage_touchpoints',
    'metric_definitions', 'touchpoint_targets', 'initiatives', 'initiative_updates', 'settings',
    'touchpoint_daily_rollups', 'touchpoint_monthly_rollups']
  LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION note_data_change()',
      watched || '_note_data_change', watched);
  END LOOP;
END;
$$;
