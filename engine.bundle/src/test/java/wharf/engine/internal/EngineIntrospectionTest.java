package wharf.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Constants;
import wharf.engine.api.Job;
import wharf.engine.api.JobHandler;
import wharf.engine.api.JobInfo;
import wharf.engine.api.JobType;

/** Engine.handlers(): every job with its serving handler, the handlers it shadows, and its types. */
class EngineIntrospectionTest {
    private static final JobType<String, Integer> LENGTH = JobType.of("length", String.class, Integer.class);

    private final EngineImpl engine = new EngineImpl(new EventBusImpl());

    /** A whiteboard handler whose class names its types. */
    static final class Upper implements JobHandler<String, String> {
        @Override
        public String handle(Job<String> job) {
            return job.input().toUpperCase(java.util.Locale.ROOT);
        }
    }

    private static Map<String, Object> service(long id, int ranking, String job) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(Constants.SERVICE_ID, id);
        properties.put(Constants.SERVICE_RANKING, ranking);
        properties.put(JobHandler.JOB, job);
        return properties;
    }

    @Test
    void listsEveryJobByNameWithWhoServesAndWhomItShadows() {
        engine.register(LENGTH, job -> job.input().length());
        engine.bindHandler(new Upper(), service(7, 0, "upper"));
        engine.bindHandler(new Upper(), service(8, 10, "upper"));
        engine.bindHandler(job -> null, service(9, 0, "untyped"));

        List<JobInfo> jobs = engine.handlers();
        assertEquals(List.of("length", "untyped", "upper"), jobs.stream().map(JobInfo::job).toList());

        JobInfo length = jobs.get(0);
        assertEquals("java.lang.String", length.inputType());
        assertEquals("java.lang.Integer", length.outputType());
        assertEquals(new JobInfo.Provider(null, null, 0, false), length.serving(), "no bundle outside a framework");
        assertTrue(length.shadowed().isEmpty());

        JobInfo untyped = jobs.get(1);
        assertNull(untyped.inputType(), "a lambda does not tell its types");

        JobInfo upper = jobs.get(2);
        assertEquals("java.lang.String", upper.outputType());
        assertEquals(10, upper.serving().ranking());
        assertTrue(upper.serving().whiteboard());
        assertEquals(List.of(0), upper.shadowed().stream().map(JobInfo.Provider::ranking).toList());

        engine.unbindHandler(null, service(8, 10, "upper"));
        assertEquals(0, engine.handlers().get(2).serving().ranking());
        assertTrue(engine.handlers().get(2).shadowed().isEmpty());
    }
}
