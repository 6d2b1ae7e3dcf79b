package io.keyline.demo.systems;

import io.keyline.demo.systems.Teams.Team;

/**
 * What every writer of the systems part works with: the window, the people and teams, where to
 * write, the day's log lines, the ground truth being collected and the planted secrets.
 */
final class Context {

    final Window w;
    final People people;
    final Team[] teams;
    final Output out;
    final DayLog log;
    final TruthBook book;
    final Secrets secrets;
    final Scenarios scenarios;

    Context(
            Window w,
            People people,
            Team[] teams,
            Output out,
            DayLog log,
            TruthBook book,
            Secrets secrets,
            Scenarios scenarios) {
        this.w = w;
        this.people = people;
        this.teams = teams;
        this.out = out;
        this.log = log;
        this.book = book;
        this.secrets = secrets;
        this.scenarios = scenarios;
    }
}
