-- Alerts per week and rule, by the event time at which each fired.
SELECT date_trunc('week', event_time) AS week, rule, severity, count(*) AS alerts
FROM keyline.keyline.alerts
GROUP BY 1, 2, 3
ORDER BY week, rule, severity;
