package wharf.engine.api.image;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import wharf.engine.api.InvalidParameterError;

/**
 * An image reference as the distribution reference grammar defines it ({@code
 * distribution/reference}): {@code [domain/]path[:tag][@digest]}, normalised the way dockerd
 * normalises what users type — {@code busybox} is {@code docker.io/library/busybox},
 * {@code index.docker.io} is {@code docker.io}. {@link #toString()} is the full form,
 * {@link #familiar()} the short one users see ({@code busybox:latest}).
 * <p>
 * Parsing failures are {@link InvalidParameterError}s with dockerd's messages.
 */
public final class Reference {
    public static final String DEFAULT_DOMAIN = "docker.io";
    public static final String DEFAULT_TAG = "latest";
    private static final String LEGACY_DEFAULT_DOMAIN = "index.docker.io";
    private static final String OFFICIAL_REPO_PREFIX = "library/";
    /** The longest name (domain and path) the grammar allows. */
    private static final int NAME_TOTAL_LENGTH_MAX = 255;

    private static final String ALPHANUMERIC = "[a-z0-9]+";
    private static final String SEPARATOR = "(?:[._]|__|[-]+)";
    private static final String PATH_COMPONENT = ALPHANUMERIC + "(?:" + SEPARATOR + ALPHANUMERIC + ")*";
    private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final String HOST = "(?:" + DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*"
            + "|\\[(?:[a-fA-F0-9:]+)\\])";
    private static final String DOMAIN = HOST + "(?::[0-9]+)?";
    private static final String TAG = "[\\w][\\w.-]{0,127}";
    private static final String DIGEST = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";
    private static final String NAME = "(?:" + DOMAIN + "/)?" + PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*";

    private static final Pattern REFERENCE = Pattern.compile(
            "^(" + NAME + ")(?::(" + TAG + "))?(?:@(" + DIGEST + "))?$");
    private static final Pattern ANCHORED_NAME = Pattern.compile(
            "^(?:(" + DOMAIN + ")/)?(" + PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*)$");
    private static final Pattern ANCHORED_TAG = Pattern.compile("^" + TAG + "$");
    private static final Pattern ANCHORED_DIGEST = Pattern.compile("^" + DIGEST + "$");
    private static final Pattern IDENTIFIER = Pattern.compile("^[a-f0-9]{64}$");

    private final String domain;
    private final String path;
    private final String tag;
    private final String digest;

    private Reference(String domain, String path, String tag, String digest) {
        this.domain = domain;
        this.path = path;
        this.tag = tag;
        this.digest = digest;
    }

    /**
     * Parses what a user typed into a normalised, named reference (moby's
     * {@code ParseNormalizedNamed}): {@code busybox}, {@code busybox:1.36},
     * {@code 127.0.0.1:5000/bb:1}, {@code busybox@sha256:…}. No tag is added.
     *
     * @throws InvalidParameterError with dockerd's message when the text is not a reference
     */
    public static Reference parse(String text) {
        Objects.requireNonNull(text, "text");
        if (IDENTIFIER.matcher(text).matches()) {
            throw invalid("invalid repository name (" + text + "), cannot specify 64-byte hexadecimal strings");
        }
        String[] split = splitDockerDomain(text);
        String remainder = split[1];
        int tagSep = remainder.indexOf(':');
        String remoteName = tagSep >= 0 ? remainder.substring(0, tagSep) : remainder;
        if (!remoteName.toLowerCase(Locale.ROOT).equals(remoteName)) {
            throw invalid("invalid reference format: repository name must be lowercase");
        }
        return parseStrict(split[0] + "/" + remainder);
    }

    /**
     * Parses a reference exactly as written, without defaults (the grammar's {@code Parse});
     * the domain may then be empty.
     */
    static Reference parseStrict(String text) {
        Matcher m = REFERENCE.matcher(text);
        if (!m.matches()) {
            if (text.isEmpty()) {
                throw invalid("repository name must have at least one component");
            }
            if (REFERENCE.matcher(text.toLowerCase(Locale.ROOT)).matches()) {
                throw invalid("repository name must be lowercase");
            }
            throw invalid("invalid reference format");
        }
        String name = m.group(1);
        if (name.length() > NAME_TOTAL_LENGTH_MAX) {
            throw invalid("repository name must not be more than " + NAME_TOTAL_LENGTH_MAX + " characters");
        }
        Matcher n = ANCHORED_NAME.matcher(name);
        String domain = "";
        String path = name;
        if (n.matches() && n.group(1) != null) {
            domain = n.group(1);
            path = n.group(2);
        }
        String digest = m.group(3);
        if (digest != null) {
            validateDigest(digest);
        }
        return new Reference(domain, path, m.group(2), digest);
    }

    /**
     * The text names an image ID rather than a reference: 64 hex digits, or a
     * {@code sha256:} digest (moby's {@code ParseAnyReference} treats both as IDs).
     */
    public static boolean isId(String text) {
        if (IDENTIFIER.matcher(text).matches()) {
            return true;
        }
        return text.startsWith("sha256:") && IDENTIFIER.matcher(text.substring("sha256:".length())).matches();
    }

    /**
     * Checks a digest as go-digest does: {@code algorithm:hex}, a known algorithm (sha256,
     * sha384, sha512) with the hex length it produces.
     *
     * @throws InvalidParameterError with go-digest's message
     */
    public static void validateDigest(String digest) {
        int colon = digest.indexOf(':');
        if (colon <= 0 || colon + 1 == digest.length()) {
            throw invalid("invalid checksum digest format");
        }
        String algorithm = digest.substring(0, colon);
        String hex = digest.substring(colon + 1);
        int length = switch (algorithm) {
            case "sha256" -> 64;
            case "sha384" -> 96;
            case "sha512" -> 128;
            default -> -1;
        };
        if (length < 0) {
            throw invalid(ANCHORED_DIGEST.matcher(digest).matches()
                    ? "unsupported digest algorithm" : "invalid checksum digest format");
        }
        if (hex.length() != length) {
            throw invalid("invalid checksum digest length");
        }
        if (!hex.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            throw invalid("invalid checksum digest format");
        }
    }

    /**
     * moby's {@code splitDockerDomain}: the first component is a domain only when it looks like
     * one (has a dot or a port, is {@code localhost}, or has upper case); Docker Hub's official
     * images live under {@code library/}.
     */
    private static String[] splitDockerDomain(String name) {
        int slash = name.indexOf('/');
        String domain;
        String remainder;
        if (slash < 0) {
            domain = DEFAULT_DOMAIN;
            remainder = name;
        } else {
            String first = name.substring(0, slash);
            boolean looksLikeDomain = first.contains(".") || first.contains(":") || first.equals("localhost")
                    || !first.toLowerCase(Locale.ROOT).equals(first);
            domain = looksLikeDomain ? first : DEFAULT_DOMAIN;
            remainder = looksLikeDomain ? name.substring(slash + 1) : name;
        }
        if (domain.equals(LEGACY_DEFAULT_DOMAIN)) {
            domain = DEFAULT_DOMAIN;
        }
        if (domain.equals(DEFAULT_DOMAIN) && remainder.indexOf('/') < 0) {
            remainder = OFFICIAL_REPO_PREFIX + remainder;
        }
        return new String[] {domain, remainder};
    }

    private static InvalidParameterError invalid(String message) {
        return new InvalidParameterError(message);
    }

    /** The registry host, {@code docker.io} for Docker Hub. */
    public String domain() {
        return domain;
    }

    /** The repository path inside the registry, {@code library/busybox}. */
    public String path() {
        return path;
    }

    /** The tag, or null. */
    public String tag() {
        return tag;
    }

    /** The digest ({@code sha256:…}), or null. */
    public String digest() {
        return digest;
    }

    public boolean tagged() {
        return tag != null;
    }

    public boolean digested() {
        return digest != null;
    }

    /** The full repository name, {@code docker.io/library/busybox}. */
    public String name() {
        return domain.isEmpty() ? path : domain + "/" + path;
    }

    /** The repository name as users write it: {@code busybox}, {@code user/app}, {@code 127.0.0.1:5000/bb}. */
    public String familiarName() {
        if (!domain.equals(DEFAULT_DOMAIN)) {
            return name();
        }
        if (path.startsWith(OFFICIAL_REPO_PREFIX) && path.indexOf('/', OFFICIAL_REPO_PREFIX.length()) < 0) {
            return path.substring(OFFICIAL_REPO_PREFIX.length());
        }
        return path;
    }

    /** The reference as users write it: {@code busybox:latest}, {@code bb@sha256:…}. */
    public String familiar() {
        return familiarName() + suffix();
    }

    /** The repository alone, without tag or digest. */
    public Reference repository() {
        return new Reference(domain, path, null, null);
    }

    /** With {@code latest} when it has neither tag nor digest (moby's {@code TagNameOnly}). */
    public Reference withDefaultTag() {
        return tag == null && digest == null ? new Reference(domain, path, DEFAULT_TAG, null) : this;
    }

    /**
     * The repository with this tag and no digest.
     *
     * @throws InvalidParameterError {@code invalid tag format} when the tag breaks the grammar
     */
    public Reference withTag(String newTag) {
        if (newTag == null || !ANCHORED_TAG.matcher(newTag).matches()) {
            throw invalid("invalid tag format");
        }
        return new Reference(domain, path, newTag, null);
    }

    /**
     * The repository with this digest and no tag.
     *
     * @throws InvalidParameterError when the digest is malformed
     */
    public Reference withDigest(String newDigest) {
        validateDigest(newDigest);
        return new Reference(domain, path, null, newDigest);
    }

    private String suffix() {
        return (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
    }

    /** The full form: {@code docker.io/library/busybox:latest}. */
    @Override
    public String toString() {
        return name() + suffix();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Reference r && r.domain.equals(domain) && r.path.equals(path)
                && Objects.equals(r.tag, tag) && Objects.equals(r.digest, digest);
    }

    @Override
    public int hashCode() {
        return Objects.hash(domain, path, tag, digest);
    }
}
