package io.keyline.github;

import io.keyline.model.CanonicalIds;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The principals behind the logins GitHub records name: people and machine users ({@code
 * github:user:<login>}), GitHub Apps acting as themselves ({@code <slug>[bot]}: {@code
 * github:app:<slug>}), and the workflows of a repository, which act as {@code github-actions[bot]}
 * ({@code github:actions:<owner>/<repo>}, the identity that also federates into clouds).
 */
final class GitHubLogins {

    private static final String BOT_SUFFIX = "[bot]";

    /** The app whose installation token every workflow run of a repository is given. */
    private static final String ACTIONS_APP = "github-actions";

    /**
     * What a login may look like: GitHub allows letters, digits and hyphens; managed users add an
     * underscore and a short code, and some exporters write dots.
     */
    private static final Pattern LOGIN = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$");

    private static final Pattern REPOSITORY =
            Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}/[A-Za-z0-9._-]{1,100}$");

    private static final Pattern NOT_SLUG = Pattern.compile("[^a-z0-9]+");

    private GitHubLogins() {}

    /** A login as the record gives it, trimmed, or null when it is blank or cannot be one. */
    static String login(String text) {
        if (text == null) {
            return null;
        }
        String login = text.trim();
        String bare = isBotLogin(login) ? stripBot(login) : login;
        return LOGIN.matcher(bare).matches() ? login : null;
    }

    /** A repository's full name ({@code owner/repo}), or null when the text is not one. */
    static String repository(String text) {
        if (text == null) {
            return null;
        }
        String repository = text.trim();
        return REPOSITORY.matcher(repository).matches() ? repository : null;
    }

    /** True for the login of an app acting as itself, or when the record says the actor is one. */
    static boolean isBot(String login, boolean actorIsBot) {
        return login != null && (actorIsBot || isBotLogin(login));
    }

    /**
     * The slug of an app from its bot login or its display name, the way GitHub derives slugs:
     * lower case, each run of other characters a hyphen ({@code Microsoft Teams for GitHub}: {@code
     * microsoft-teams-for-github}); null when nothing is left.
     */
    static String appSlug(String name) {
        if (name == null) {
            return null;
        }
        String bare = isBotLogin(name.trim()) ? stripBot(name.trim()) : name.trim();
        String slug = NOT_SLUG.matcher(bare.toLowerCase(Locale.ROOT)).replaceAll("-");
        slug = slug.replaceAll("^-+|-+$", "");
        return slug.isEmpty() ? null : slug;
    }

    /**
     * The principal a login acts as: the workflows of {@code repository} for {@code
     * github-actions[bot]}, the app for other bots, else the user account. Null for no login.
     */
    static String principal(String login, boolean actorIsBot, String repository) {
        if (login == null) {
            return null;
        }
        if (!isBot(login, actorIsBot)) {
            return CanonicalIds.githubUser(login);
        }
        String slug = appSlug(login);
        if (slug == null) {
            return null;
        }
        if (slug.equals(ACTIONS_APP) && repository != null) {
            return CanonicalIds.githubActions(repository);
        }
        return CanonicalIds.githubApp(slug);
    }

    /**
     * Who made a change, as the {@code actor} of the event: a person's login in lower case (GitHub
     * has no e-mail here; the HR directory resolves logins through aliases), or the canonical id of
     * an app.
     */
    static String actor(String login, boolean actorIsBot, String repository) {
        if (login == null) {
            return null;
        }
        if (isBot(login, actorIsBot)) {
            return principal(login, true, repository);
        }
        return login.toLowerCase(Locale.ROOT);
    }

    private static boolean isBotLogin(String login) {
        return login.length() > BOT_SUFFIX.length()
                && login.regionMatches(
                        true,
                        login.length() - BOT_SUFFIX.length(),
                        BOT_SUFFIX,
                        0,
                        BOT_SUFFIX.length());
    }

    private static String stripBot(String login) {
        return login.substring(0, login.length() - BOT_SUFFIX.length());
    }
}
