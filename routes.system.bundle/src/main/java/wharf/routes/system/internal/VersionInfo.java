package wharf.routes.system.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import wharf.server.api.ServerInfo;

/** {@code GET /version} in dockerd's shape. */
record VersionInfo(
        @JsonProperty("Platform") Map<String, String> platform,
        @JsonProperty("Components") List<Component> components,
        @JsonProperty("Version") String version,
        @JsonProperty("ApiVersion") String apiVersion,
        @JsonProperty("MinAPIVersion") String minApiVersion,
        @JsonProperty("GitCommit") String gitCommit,
        @JsonProperty("GoVersion") String goVersion,
        @JsonProperty("Os") String os,
        @JsonProperty("Arch") String arch,
        @JsonProperty("KernelVersion") String kernelVersion,
        @JsonProperty("BuildTime") String buildTime) {

    record Component(@JsonProperty("Name") String name, @JsonProperty("Version") String version,
            @JsonProperty("Details") Map<String, String> details) {
    }

    static VersionInfo of(ServerInfo server, HostFacts host) {
        String runtime = "Java " + Runtime.version();
        String buildTime = BuildInfo.buildTime();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("ApiVersion", server.apiVersion().toString());
        details.put("Arch", host.goArch());
        details.put("BuildTime", buildTime);
        details.put("Experimental", "false");
        details.put("GitCommit", BuildInfo.gitCommit());
        details.put("GoVersion", runtime);
        details.put("KernelVersion", host.kernelVersion());
        details.put("MinAPIVersion", server.minApiVersion().toString());
        details.put("Os", "linux");
        return new VersionInfo(Map.of("Name", "Wharf"), List.of(new Component("Engine", server.version(), details)),
                server.version(), server.apiVersion().toString(), server.minApiVersion().toString(),
                BuildInfo.gitCommit(), runtime, "linux", host.goArch(), host.kernelVersion(), buildTime);
    }
}
