package wharf.runtime.api;

/**
 * A container's cgroup limits; 0 leaves a limit unset.
 *
 * @param memory memory limit in bytes
 * @param memorySwap memory plus swap in bytes; -1 unlimited swap
 * @param cpuShares relative CPU weight (cgroup v1 shares)
 * @param cpuPeriod CFS period in microseconds
 * @param cpuQuota CFS quota in microseconds per period
 * @param pidsLimit the most tasks the container may have; 0 or negative unlimited
 */
public record Resources(long memory, long memorySwap, long cpuShares, long cpuPeriod, long cpuQuota, long pidsLimit) {
    public static final Resources NONE = new Resources(0, 0, 0, 0, 0, 0);
}
