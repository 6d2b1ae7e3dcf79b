package io.keyline.github;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.format.Json;
import io.keyline.format.MalformedRecordException;
import io.keyline.source.poll.CollectorException;
import io.keyline.source.poll.Document;
import io.keyline.source.poll.ListingFeed;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The deploy keys of an organization's repositories, one page of repositories at a time: each page
 * of {@code GET /orgs/{org}/repos} is read, then {@code GET /repos/{owner}/{repo}/keys} of each of
 * its repositories. The listing's cursor is the page of repositories, so a restart reads the keys
 * of at most one page of repositories again (the same facts at the same listing time, which the job
 * drops as duplicates).
 *
 * <p>Each repository that has keys is one document, {@code
 * collector:/github-deploy-keys/<owner>/<repo>/keys}, the folders {@link DeployKeysParser} takes
 * the repository from. A repository that is gone by the time its keys are asked for (HTTP 404) is
 * passed over.
 */
final class DeployKeysListing implements ListingFeed.PageReader {

    private static final String FORMAT = DeployKeysParser.SOURCE;

    private final GitHubApi api;
    private final String org;

    DeployKeysListing(GitHubApi api, String org) {
        this.api = api;
        this.org = org;
    }

    /** The first page of the organization's repositories, oldest first, so that pages hold. */
    URI firstPage(int pageSize) {
        return api.url(
                "/orgs/" + org + "/repos?type=all&sort=created&direction=asc&per_page=" + pageSize);
    }

    @Override
    public ListingFeed.Page read(URI page, long observedAt)
            throws IOException, InterruptedException {
        GitHubApi.Page repos = api.get(page, GitHubCollector.REPOS_FIX);
        List<Document> documents = new ArrayList<>();
        for (String repository : repositories(repos.body(), page)) {
            URI keys = api.url("/repos/" + repository + "/keys?per_page=100");
            while (keys != null) {
                GitHubApi.Page p = api.getUnlessGone(keys, GitHubCollector.keysFix(repository));
                if (p == null) {
                    break;
                }
                if (!isEmptyArray(p.body())) {
                    documents.add(
                            new Document(
                                    FORMAT,
                                    Document.origin(FORMAT, repository, "/keys"),
                                    observedAt,
                                    p.body()));
                }
                keys = p.next();
            }
        }
        return new ListingFeed.Page(documents, repos.next());
    }

    /** The full names ({@code owner/repo}) of a page of repositories. */
    private List<String> repositories(byte[] body, URI page) throws IOException {
        JsonNode root;
        try {
            root = Json.read(body);
        } catch (MalformedRecordException e) {
            throw new IOException(
                    "The GitHub organization "
                            + org
                            + " sent a page of repositories that is not"
                            + " whole JSON",
                    e);
        }
        if (!root.isArray()) {
            throw new CollectorException(
                    "The GitHub organization "
                            + org
                            + " answered "
                            + page.getPath()
                            + " with something other than a JSON array of repositories.");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode repo : root) {
            String name = GitHubLogins.repository(Json.text(repo, "full_name"));
            if (name != null) {
                out.add(name);
            }
        }
        return out;
    }

    private static boolean isEmptyArray(byte[] body) {
        try {
            JsonNode root = Json.read(body);
            return root.isArray() && root.isEmpty();
        } catch (MalformedRecordException e) {
            // The parser says what is wrong with it, as a dead letter.
            return false;
        }
    }
}
