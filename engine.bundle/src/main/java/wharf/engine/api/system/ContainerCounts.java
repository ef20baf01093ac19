package wharf.engine.api.system;

/** How many containers there are, by state, as {@code /info} reports them. */
public record ContainerCounts(int total, int running, int paused, int stopped) {
    public static final ContainerCounts NONE = new ContainerCounts(0, 0, 0, 0);
}
