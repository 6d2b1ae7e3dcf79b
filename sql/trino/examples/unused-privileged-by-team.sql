-- Unused privileged credentials per team, the biggest first.
SELECT coalesce(team, '(no team)') AS team, count(*) AS credentials,
       count_if(owner_status = 'departed') AS owner_left
FROM views.keyline.unused_privileged_credentials
GROUP BY 1
ORDER BY credentials DESC;
