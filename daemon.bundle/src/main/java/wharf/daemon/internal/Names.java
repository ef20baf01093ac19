package wharf.daemon.internal;

import java.security.SecureRandom;
import java.util.List;
import java.util.regex.Pattern;

import wharf.engine.api.InvalidParameterError;

/** Container names: dockerd's validation rule and generated {@code adjective_surname} names. */
final class Names {
    private static final Pattern VALID = Pattern.compile("^/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final List<String> ADJECTIVES = List.of("admiring", "agile", "amazing", "bold", "brave",
            "busy", "calm", "clever", "cool", "crisp", "daring", "eager", "elastic", "epic", "fervent", "focused",
            "gallant", "gentle", "happy", "hopeful", "jolly", "keen", "kind", "lucid", "merry", "modest", "nifty",
            "noble", "patient", "quiet", "quirky", "relaxed", "serene", "sharp", "steady", "sweet", "tender",
            "trusting", "upbeat", "vibrant", "wizardly", "zealous");
    private static final List<String> SURNAMES = List.of("agnesi", "babbage", "bardeen", "bell", "boole",
            "carson", "curie", "darwin", "dijkstra", "euler", "faraday", "fermi", "franklin", "galileo", "gauss",
            "goodall", "hamilton", "hopper", "hypatia", "johnson", "kepler", "knuth", "lamarr", "lovelace",
            "maxwell", "meitner", "mendel", "newton", "noether", "pasteur", "perlman", "ritchie", "shannon",
            "tesla", "thompson", "torvalds", "turing", "volta", "wilson", "wozniak", "yalow");

    private Names() {
    }

    /** The name without its leading {@code /}, after dockerd's check. */
    static String validate(String name) {
        if (!VALID.matcher(name).matches()) {
            throw new InvalidParameterError(
                    "Invalid container name (" + name + "), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        }
        return strip(name);
    }

    static String strip(String name) {
        return name.startsWith("/") ? name.substring(1) : name;
    }

    /**
     * A random name; after a few collisions a digit is appended, as moby's namesgenerator does
     * when retrying.
     */
    static String generate(int attempt) {
        String name = ADJECTIVES.get(RANDOM.nextInt(ADJECTIVES.size())) + "_"
                + SURNAMES.get(RANDOM.nextInt(SURNAMES.size()));
        return attempt > 0 ? name + RANDOM.nextInt(10) : name;
    }
}
