package wharf.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import wharf.runtime.api.RuntimeFailure;
import wharf.runtime.api.Seccomp;

/** The profile conversion alone; OciRuntimeTest runs the filters in real containers. */
@Timeout(10)
class SeccompProfileTest {
    private static final SeccompProfile.Host AMD64 = new SeccompProfile.Host("amd64", "SCMP_ARCH_X86_64", "5.10.0-23-amd64");
    private static final SeccompProfile.Host ARM64 = new SeccompProfile.Host("arm64", "SCMP_ARCH_AARCH64", "6.1.0");

    private static ObjectNode profile(Seccomp seccomp, List<String> caps, SeccompProfile.Host host) {
        return SeccompProfile.of(seccomp, caps, host).orElseThrow();
    }

    private static List<String> denied(ObjectNode profile) {
        List<String> names = new ArrayList<>();
        for (JsonNode rule : profile.path("syscalls")) {
            rule.path("names").forEach(name -> names.add(name.asText()));
        }
        return names;
    }

    @Test
    void defaultAllowsAllButTheHostsGlobalStateForTheHostsArchitectures() {
        ObjectNode amd64 = profile(Seccomp.DEFAULT, Capabilities.DEFAULT, AMD64);
        assertEquals("SCMP_ACT_ALLOW", amd64.path("defaultAction").asText());
        assertEquals("[\"SCMP_ARCH_X86_64\",\"SCMP_ARCH_X86\",\"SCMP_ARCH_X32\"]", amd64.path("architectures").toString());
        assertEquals("[\"SCMP_ARCH_AARCH64\",\"SCMP_ARCH_ARM\"]",
                profile(Seccomp.DEFAULT, Capabilities.DEFAULT, ARM64).path("architectures").toString());
        List<String> denied = denied(amd64);
        for (String name : List.of("mount", "unshare", "setns", "clone", "clone3", "init_module", "reboot", "bpf",
                "keyctl", "clock_settime", "open_by_handle_at", "kexec_load", "ptrace")) {
            assertEquals(!name.equals("ptrace"), denied.contains(name), name);
        }
        for (JsonNode rule : amd64.path("syscalls")) {
            assertEquals("SCMP_ACT_ERRNO", rule.path("action").asText());
            assertEquals(rule.path("names").get(0).asText().equals("clone3") ? 38 : 1, rule.path("errnoRet").asInt());
            assertFalse(rule.has("excludes") || rule.has("comment"), rule.toString());
        }
    }

    @Test
    void capabilitiesLiftTheirRules() {
        List<String> caps = new ArrayList<>(Capabilities.DEFAULT);
        caps.addAll(List.of("CAP_SYS_ADMIN", "CAP_SYS_TIME"));
        List<String> denied = denied(profile(Seccomp.DEFAULT, caps, AMD64));
        for (String name : List.of("mount", "unshare", "setns", "clone", "clone3", "bpf", "clock_settime")) {
            assertFalse(denied.contains(name), name);
        }
        assertTrue(denied.containsAll(List.of("init_module", "reboot", "keyctl", "kcmp")), denied.toString());
    }

    @Test
    void unconfinedHasNoFilter() {
        assertEquals(Optional.empty(), SeccompProfile.of(Seccomp.UNCONFINED, Capabilities.DEFAULT, AMD64));
    }

    @Test
    void dockerFieldsAreResolvedAndOciOnesKept() {
        String docker = """
                {"defaultAction": "SCMP_ACT_ERRNO", "defaultErrnoRet": 1, "architectures": ["SCMP_ARCH_X86_64"],
                 "flags": ["SECCOMP_FILTER_FLAG_LOG"],
                 "syscalls": [
                   {"name": "read", "action": "SCMP_ACT_ALLOW", "comment": "always"},
                   {"names": ["ptrace"], "action": "SCMP_ACT_ALLOW", "includes": {"minKernel": "4.8"}},
                   {"names": ["future"], "action": "SCMP_ACT_ALLOW", "includes": {"minKernel": "5.11"}},
                   {"names": ["arm_fadvise64_64"], "action": "SCMP_ACT_ALLOW", "includes": {"arches": ["arm", "arm64"]}},
                   {"names": ["x86_only"], "action": "SCMP_ACT_ALLOW", "excludes": {"arches": ["arm64"]}},
                   {"names": ["personality"], "action": "SCMP_ACT_ALLOW",
                    "args": [{"index": 0, "value": 8, "valueTwo": 0, "op": "SCMP_CMP_EQ"}]},
                   {"names": ["sethostname"], "action": "SCMP_ACT_ALLOW", "includes": {"caps": ["CAP_SYS_ADMIN"]}}]}
                """;
        ObjectNode oci = profile(Seccomp.custom(docker), Capabilities.DEFAULT, AMD64);
        assertEquals(List.of("read", "ptrace", "x86_only", "personality"), denied(oci));
        assertEquals(1, oci.path("defaultErrnoRet").asInt());
        assertEquals("[\"SECCOMP_FILTER_FLAG_LOG\"]", oci.path("flags").toString());
        assertEquals("[{\"index\":0,\"value\":8,\"valueTwo\":0,\"op\":\"SCMP_CMP_EQ\"}]",
                oci.path("syscalls").get(3).path("args").toString());
        assertFalse(oci.path("syscalls").get(0).has("comment"));
    }

    @Test
    void contradictoryOrBrokenProfilesAreRefused() {
        for (String bad : List.of("{not json", "[]", "{\"syscalls\": []}",
                "{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"architectures\": [\"SCMP_ARCH_X86_64\"],"
                        + " \"archMap\": [{\"architecture\": \"SCMP_ARCH_X86_64\"}]}",
                "{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [{\"name\": \"a\", \"names\": [\"b\"]}]}")) {
            assertThrows(RuntimeFailure.class, () -> SeccompProfile.of(Seccomp.custom(bad), Capabilities.DEFAULT, AMD64),
                    bad);
        }
    }

    @Test
    void kernelReleasesCompareByTheirNumbers() {
        assertTrue(SeccompProfile.compareKernel("5.10.0-23-amd64", "5.8") > 0);
        assertTrue(SeccompProfile.compareKernel("4.19.0", "4.19") == 0);
        assertTrue(SeccompProfile.compareKernel("4.4.0-rc1", "4.8") < 0);
    }
}
