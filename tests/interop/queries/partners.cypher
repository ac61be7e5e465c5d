// Partners of an actor through its own cooperative ties on a day, as
// `polity partners ACTOR --direct --at DAY`: 'yes' when every reading of the dates
// makes a tie active that day, 'maybe' when only some readings do.
// Parameters: $actor, an actor id ('MLI'); $at, a day ('2025-09-01').
MATCH (a:Actor {id: $actor})-[r]-(p:Actor)
WHERE r.kind = 'tie' AND r.polarity = 'cooperative' AND p.id <> a.id
  AND r.start_earliest <= date($at) AND date($at) <= r.end_latest
WITH p.id AS partner,
     max(CASE WHEN r.start_latest <= date($at) AND date($at) <= r.end_earliest THEN 1 ELSE 0 END) AS certain
RETURN partner, CASE WHEN certain = 1 THEN 'yes' ELSE 'maybe' END AS activity
ORDER BY partner;
