-- Self-assessments change what the perception-gap view shows: note them for the score cache too.
CREATE TRIGGER perception_assessments_note_data_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON perception_assessments
  FOR EACH STATEMENT EXECUTE FUNCTION note_data_change();
