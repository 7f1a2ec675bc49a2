-- The three standard voice-of-customer metrics exist in every Throughline database.
INSERT INTO "metric_definitions" ("code", "name", "kind", "scale_min", "scale_max", "direction", "top_box_min", "description") VALUES
  ('nps', 'Net Promoter Score', 'nps', 0, 10, 'higher_is_better', 9, 'How likely are you to recommend us? 0–10. NPS = % promoters (9–10) − % detractors (0–6).'),
  ('csat', 'Customer satisfaction', 'csat', 1, 5, 'higher_is_better', 4, 'How satisfied were you? 1–5. CSAT = % of answers 4–5 (top-2-box).'),
  ('ces', 'Customer effort', 'ces', 1, 7, 'higher_is_better', 5, 'It was easy to get what I needed: 1 (strongly disagree) – 7 (strongly agree). Mean and % of answers 5–7.')
ON CONFLICT DO NOTHING;
