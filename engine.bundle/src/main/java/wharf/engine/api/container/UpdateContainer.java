package wharf.engine.api.container;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The {@code update} job's input, {@code POST /containers/{name}/update}.
 *
 * @param name      the container, by ID, ID prefix or name
 * @param resources what the request body asks for
 */
public record UpdateContainer(String name, Resources resources) {

    /**
     * The body: dockerd's {@code UpdateConfig}, the resources of a host config and its restart
     * policy. A zero (empty, null) field leaves the container's value as it is, as in dockerd.
     * Fields this daemon does not know are ignored on the way in.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Resources(
            @JsonProperty("CpuShares") long cpuShares,
            @JsonProperty("Memory") long memory,
            @JsonProperty("NanoCpus") long nanoCpus,
            @JsonProperty("CpuPeriod") long cpuPeriod,
            @JsonProperty("CpuQuota") long cpuQuota,
            @JsonProperty("CpusetCpus") String cpusetCpus,
            @JsonProperty("CpusetMems") String cpusetMems,
            @JsonProperty("BlkioWeight") int blkioWeight,
            @JsonProperty("KernelMemory") long kernelMemory,
            @JsonProperty("MemoryReservation") long memoryReservation,
            @JsonProperty("MemorySwap") long memorySwap,
            @JsonProperty("PidsLimit") Long pidsLimit,
            @JsonProperty("RestartPolicy") RestartPolicy restartPolicy) {

        public Resources {
            cpusetCpus = cpusetCpus == null ? "" : cpusetCpus;
            cpusetMems = cpusetMems == null ? "" : cpusetMems;
        }

        /** An update that changes nothing, as an empty body asks. */
        public static Resources none() {
            return new Resources(0, 0, 0, 0, 0, "", "", 0, 0, 0, 0, null, null);
        }
    }

    /**
     * The restart policy as sent: unlike {@link HostConfig.RestartPolicy} an empty name stays
     * empty, since it means "leave the policy as it is" here.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RestartPolicy(@JsonProperty("Name") String name,
            @JsonProperty("MaximumRetryCount") int maximumRetryCount) {
        public RestartPolicy {
            name = name == null ? "" : name;
        }
    }
}
