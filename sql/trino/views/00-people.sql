-- The people of the HR directory as Keyline last read them, one row per e-mail: what the
-- other views join owners with to give their team.
CREATE OR REPLACE VIEW views.keyline.people AS
SELECT
    actor AS email,
    max_by(attributes['name'], event_time) AS name,
    max_by(attributes['department'], event_time) AS team,
    max_by(attributes['personStatus'], event_time) AS status,
    max_by(attributes['managerEmail'], event_time) AS manager_email,
    max(event_time) AS as_of
FROM keyline.keyline.events
WHERE kind = 'PERSON' AND actor IS NOT NULL
GROUP BY actor;
