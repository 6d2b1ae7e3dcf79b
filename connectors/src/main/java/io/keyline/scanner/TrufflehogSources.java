package io.keyline.scanner;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.format.MalformedRecordException;
import io.keyline.model.Location;
import io.keyline.model.Stores;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.flink.annotation.Internal;

/**
 * Where a TruffleHog finding was, from its {@code SourceMetadata.Data.<SourceType>} object (lower
 * case, snake_case keys): a file of a repository for the code hosts, a file for the filesystem, a
 * channel for Slack and Teams, an object for the buckets, a file of an image for Docker and ECR, a
 * build for the CI systems, a page or link for the document stores, and else the source's file or
 * link.
 */
@Internal
final class TrufflehogSources {

    /** The store, path and repository of a finding. */
    record Place(Location location, String repository) {}

    private static final String WHAT = "the source metadata of a TruffleHog finding";

    /** The shape of TruffleHog's source type names ({@code Git}, {@code GoogleDrive}...). */
    private static final Pattern SOURCE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,31}");

    private TrufflehogSources() {}

    /** The place named by the metadata {@code data} of the source type {@code type}. */
    static Place of(String type, JsonNode data) throws MalformedRecordException {
        String file = ScannerFields.place(data, "file", WHAT);
        switch (type.toLowerCase(Locale.ROOT)) {
            case "git":
            case "github":
            case "gitlab":
            case "bitbucket":
            case "azurerepos":
            case "huggingface":
                return repositoryFile(ScannerFields.place(data, "repository", WHAT), file, type);
            case "gerrit":
                return repositoryFile(ScannerFields.place(data, "project", WHAT), file, type);
            case "filesystem":
                return new Place(new Location(Stores.ofFilePath(file), required(file, type)), null);
            case "slack":
            case "slackcontinuous":
                return chat("slack:" + required(channel(data), type));
            case "teams":
                String team = ScannerFields.place(data, "team_name", WHAT);
                String channel = required(channel(data), type);
                return chat("teams:" + (team == null ? channel : team + "/" + channel));
            case "s3":
                return object("s3://", ScannerFields.place(data, "bucket", WHAT), file, type);
            case "gcs":
                return object(
                        "gs://",
                        ScannerFields.place(data, "bucket", WHAT),
                        ScannerFields.place(data, "filename", WHAT),
                        type);
            case "azure":
                return object(
                        "azure-blob:", ScannerFields.place(data, "container", WHAT), file, type);
            case "docker":
            case "ecr":
                String image = required(ScannerFields.place(data, "image", WHAT), type);
                return new Place(
                        new Location(
                                Stores.ofFilePath(file),
                                type.toLowerCase(Locale.ROOT)
                                        + ":"
                                        + image
                                        + (file == null ? "" : ":" + file)),
                        null);
            case "jenkins":
                return build(type, data, "project_name");
            case "buildkite":
                return build(type, data, "org", "pipeline");
            case "circleci":
            case "travisci":
                return build(type, data, "repository");
            case "confluence":
            case "jira":
            case "sharepoint":
            case "googledrive":
            case "postman":
                String link = ScannerFields.place(data, "link", WHAT);
                return new Place(new Location(Stores.DOCUMENT, required(link, type)), null);
            default:
                return other(type, data, file);
        }
    }

    private static Place repositoryFile(String repositoryUrl, String file, String type)
            throws MalformedRecordException {
        String repository = ScannerFields.repository(repositoryUrl);
        if (repository == null && file == null) {
            throw new MalformedRecordException(WHAT + " names no repository or file");
        }
        String path =
                repository == null ? file : file == null ? repository : repository + ":" + file;
        return new Place(new Location(Stores.ofFilePath(file), path), repository);
    }

    private static Place chat(String path) {
        return new Place(new Location(Stores.CHAT, path), null);
    }

    private static Place object(String scheme, String bucket, String key, String type)
            throws MalformedRecordException {
        String name = required(bucket, type);
        return new Place(
                new Location(
                        Stores.ofFilePath(key), scheme + name + (key == null ? "" : "/" + key)),
                null);
    }

    /** A CI build: the fields that name its pipeline, then its build and job numbers. */
    private static Place build(String type, JsonNode data, String... pipelineFields)
            throws MalformedRecordException {
        StringBuilder path = new StringBuilder(type.toLowerCase(Locale.ROOT)).append(':');
        String repository = null;
        for (String field : pipelineFields) {
            String value = required(ScannerFields.place(data, field, WHAT), type);
            path.append(value).append('/');
            if (field.equals("repository")) {
                repository = ScannerFields.repository(value);
            }
        }
        for (String field : new String[] {"build_number", "job_number", "build_step"}) {
            JsonNode value = data.get(field);
            if (value != null
                    && (value.isNumber() || value.isTextual())
                    && !value.asText().isBlank()) {
                path.append(value.asText().trim()).append('/');
            }
        }
        path.setLength(path.length() - 1);
        return new Place(new Location(Stores.CI_LOG, path.toString()), repository);
    }

    /**
     * A source Keyline has no rule for: its file, under the source's name when that has the shape
     * of one, else its link.
     */
    private static Place other(String type, JsonNode data, String file)
            throws MalformedRecordException {
        if (file != null && SOURCE_NAME.matcher(type).matches()) {
            return new Place(
                    new Location(
                            Stores.ofFilePath(file), type.toLowerCase(Locale.ROOT) + ":" + file),
                    null);
        }
        String link = ScannerFields.place(data, "link", WHAT);
        if (link != null) {
            return new Place(new Location(Stores.DOCUMENT, link), null);
        }
        throw new MalformedRecordException(
                WHAT + " names no file, link or channel where the secret is");
    }

    private static String channel(JsonNode data) throws MalformedRecordException {
        String name = ScannerFields.place(data, "channel_name", WHAT);
        return name != null ? name : ScannerFields.place(data, "channel_id", WHAT);
    }

    private static String required(String value, String type) throws MalformedRecordException {
        if (value == null) {
            throw new MalformedRecordException(
                    "the "
                            + type
                            + " source of a TruffleHog finding does not name the place of the"
                            + " secret");
        }
        return value;
    }
}
