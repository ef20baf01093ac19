package wharf.engine.api.container;

/** {@code POST /containers/{name}/wait?condition=…}. */
public record WaitContainer(String name, Condition condition) {

    /** dockerd's wait conditions; an unknown one behaves as {@link #NOT_RUNNING}. */
    public enum Condition {
        NOT_RUNNING, NEXT_EXIT, REMOVED;

        public static Condition parse(String value) {
            return switch (value == null ? "" : value) {
                case "next-exit" -> NEXT_EXIT;
                case "removed" -> REMOVED;
                default -> NOT_RUNNING;
            };
        }
    }
}
