package wharf.engine.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.osgi.framework.Constants;
import wharf.engine.api.Cancellation;
import wharf.engine.api.CancelledError;
import wharf.engine.api.Engine.Registration;
import wharf.engine.api.ForbiddenError;
import wharf.engine.api.JobHandler;
import wharf.engine.api.JobIO;
import wharf.engine.api.JobInterceptor;
import wharf.engine.api.JobType;
import wharf.engine.api.NotFoundError;
import wharf.engine.api.SystemError;
import wharf.engine.api.UnavailableError;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class EngineImplTest {
    private static final JobType<String, Integer> LENGTH = JobType.of("length", String.class, Integer.class);
    private static final JobType<String, String> ECHO = JobType.of("echo", String.class, String.class);

    private final EventBusImpl bus = new EventBusImpl();
    private final EngineImpl engine = new EngineImpl(bus);

    /** Properties as DS hands them to a bind method for a whiteboard service. */
    private static Map<String, Object> service(long id, Integer ranking, Object job) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(Constants.SERVICE_ID, id);
        if (ranking != null) {
            properties.put(Constants.SERVICE_RANKING, ranking);
        }
        if (job != null) {
            properties.put(JobHandler.JOB, job);
        }
        return properties;
    }

    private static JobHandler<String, String> answering(String answer) {
        return job -> answer;
    }

    @Test
    void registeredHandlerRunsAndItsRegistrationWithdrawsIt() {
        Registration registration = engine.register(LENGTH, job -> job.input().length());

        assertEquals(5, engine.run(LENGTH, "hello"));
        assertTrue(engine.handles(LENGTH));
        assertEquals(Set.of("length"), engine.jobs());

        registration.close();
        registration.close();
        assertFalse(engine.handles(LENGTH));
        assertEquals(Set.of(), engine.jobs());
        UnavailableError e = assertThrows(UnavailableError.class, () -> engine.run(LENGTH, "hello"));
        assertEquals("no handler for job 'length' is installed", e.getMessage());
    }

    @Test
    void theEventBusIsTheOneInjected() {
        assertSame(bus, engine.events());
    }

    @Test
    void handlerSeesInputTypeAndStreams() throws Exception {
        JobType<String, Void> write = JobType.of("write", String.class, Void.class);
        engine.register(write, job -> {
            assertSame(write, job.type());
            job.io().stdout().write(job.input().getBytes(UTF_8));
            return null;
        });
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Cancellation cancellation = new Cancellation();
        assertNull(engine.run(write, "streamed", JobIO.of(InputStream.nullInputStream(), out,
                OutputStream.nullOutputStream(), cancellation)));
        assertEquals("streamed", out.toString(UTF_8));
    }

    @Test
    void programmaticRegistrationsServeInRegistrationOrder() {
        Registration first = engine.register(ECHO, answering("first"));
        Registration second = engine.register(ECHO, answering("second"));

        assertEquals("first", engine.run(ECHO, "x"));
        first.close();
        assertEquals("second", engine.run(ECHO, "x"));
        second.close();
        assertFalse(engine.handles(ECHO));
    }

    @Test
    void highestRankingWhiteboardHandlerServes() {
        engine.bindHandler(answering("low"), service(10, 1, "echo"));
        engine.bindHandler(answering("high"), service(11, 7, "echo"));
        engine.bindHandler(answering("unranked"), service(12, null, "echo"));

        assertEquals("high", engine.run(ECHO, "x"));
        engine.unbindHandler(answering("ignored"), service(11, 7, "echo"));
        assertEquals("low", engine.run(ECHO, "x"));
        engine.unbindHandler(answering("ignored"), service(10, 1, "echo"));
        assertEquals("unranked", engine.run(ECHO, "x"));
        engine.unbindHandler(answering("ignored"), service(12, null, "echo"));
        assertFalse(engine.handles(ECHO));
    }

    @Test
    void onEqualRankingTheLowestServiceIdServes() {
        engine.bindHandler(answering("newer"), service(42, 3, "echo"));
        engine.bindHandler(answering("older"), service(7, 3, "echo"));

        assertEquals("older", engine.run(ECHO, "x"));
    }

    @Test
    void programmaticHandlersRankZeroBehindEqualWhiteboardOnes() {
        engine.register(ECHO, answering("registered"));
        engine.bindHandler(answering("negative"), service(5, -1, "echo"));
        assertEquals("registered", engine.run(ECHO, "x"));

        engine.bindHandler(answering("service at zero"), service(6, 0, "echo"));
        assertEquals("service at zero", engine.run(ECHO, "x"));

        engine.bindHandler(answering("ranked"), service(9, 1, "echo"));
        assertEquals("ranked", engine.run(ECHO, "x"));
    }

    @Test
    void aRankingThatIsNotAnIntegerCountsAsZero() {
        Map<String, Object> properties = service(3, null, "echo");
        properties.put(Constants.SERVICE_RANKING, "100");
        engine.bindHandler(answering("string ranking"), properties);
        engine.bindHandler(answering("ranked"), service(4, 1, "echo"));

        assertEquals("ranked", engine.run(ECHO, "x"));
    }

    @Test
    void updatedPropertiesMoveAWhiteboardHandler() {
        JobHandler<String, String> moving = answering("moving");
        engine.bindHandler(answering("steady"), service(1, 5, "echo"));
        engine.bindHandler(moving, service(2, 1, "echo"));
        assertEquals("steady", engine.run(ECHO, "x"));

        engine.updatedHandler(moving, service(2, 9, "echo"));
        assertEquals("moving", engine.run(ECHO, "x"));

        engine.updatedHandler(moving, service(2, 9, "other"));
        assertEquals("steady", engine.run(ECHO, "x"));
        assertEquals(Set.of("echo", "other"), engine.jobs());

        engine.unbindHandler(moving, service(2, 9, "other"));
        assertEquals(Set.of("echo"), engine.jobs());
    }

    @Test
    void oneWhiteboardHandlerMayServeSeveralJobs() {
        engine.bindHandler(answering("both"), service(1, null, new String[] {"echo", "shout"}));
        JobType<String, String> shout = JobType.of("shout", String.class, String.class);

        assertEquals("both", engine.run(ECHO, "x"));
        assertEquals("both", engine.run(shout, "x"));
        engine.unbindHandler(answering("ignored"), service(1, null, new String[] {"echo", "shout"}));
        assertEquals(Set.of(), engine.jobs());
    }

    @Test
    void aWhiteboardHandlerNamingNoJobIsIgnored() {
        engine.bindHandler(answering("nameless"), service(1, null, " "));

        assertEquals(Set.of(), engine.jobs());
    }

    @Test
    void conflictingDeclarationsOfOneJobAreRefused() {
        engine.register(ECHO, answering("string"));
        JobType<Integer, String> sameName = JobType.of("echo", Integer.class, String.class);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> engine.register(sameName, job -> "int"));
        assertTrue(e.getMessage().contains("'echo'"), e.getMessage());
        assertEquals("string", engine.run(ECHO, "x"));
    }

    @Test
    void runningWithADeclarationThatDisagreesIsASystemError() {
        engine.register(ECHO, answering("string"));
        JobType<String, Integer> sameName = JobType.of("echo", String.class, Integer.class);

        assertThrows(SystemError.class, () -> engine.run(sameName, "x"));
    }

    @Test
    void interceptorsRunByRankingAroundTheHandler() {
        List<String> trace = Collections.synchronizedList(new ArrayList<>());
        engine.register(ECHO, job -> {
            trace.add("handler");
            return job.input();
        });
        engine.bindInterceptor(tracing("middle", trace), service(20, 5, null));
        engine.bindInterceptor(tracing("outer", trace), service(21, 10, null));
        engine.bindInterceptor(tracing("inner", trace), service(22, null, null));

        assertEquals("x", engine.run(ECHO, "x"));
        assertEquals(List.of("outer>", "middle>", "inner>", "handler", "<inner", "<middle", "<outer"), trace);

        trace.clear();
        engine.updatedInterceptor(tracing("inner", trace), service(22, 20, null));
        engine.unbindInterceptor(tracing("middle", trace), service(20, 5, null));
        engine.run(ECHO, "x");
        assertEquals(List.of("inner>", "outer>", "handler", "<outer", "<inner"), trace);
    }

    private static JobInterceptor tracing(String name, List<String> trace) {
        return (job, next) -> {
            trace.add(name + ">");
            Object result = next.proceed();
            trace.add("<" + name);
            return result;
        };
    }

    @Test
    void anInterceptorRefusesAJobWithATypedError() {
        AtomicBoolean handled = new AtomicBoolean();
        engine.register(ECHO, job -> {
            handled.set(true);
            return "ran";
        });
        ForbiddenError refusal = new ForbiddenError("policy says no to job 'echo'");
        engine.bindInterceptor((job, next) -> {
            if (job.type().equals(ECHO) && "secret".equals(job.input())) {
                throw refusal;
            }
            return next.proceed();
        }, service(30, null, null));

        assertSame(refusal, assertThrows(ForbiddenError.class, () -> engine.run(ECHO, "secret")));
        assertFalse(handled.get());
        assertEquals("ran", engine.run(ECHO, "public"));
    }

    @Test
    void anInterceptorsOutputIsTypeChecked() {
        engine.register(ECHO, answering("fine"));
        engine.bindInterceptor((job, next) -> 42, service(31, null, null));

        SystemError e = assertThrows(SystemError.class, () -> engine.run(ECHO, "x"));
        assertTrue(e.getMessage().contains("java.lang.Integer"), e.getMessage());
    }

    @Test
    void typedErrorsPropagateUnchanged() {
        NotFoundError notFound = new NotFoundError("No such container: c1");
        engine.register(ECHO, job -> {
            throw notFound;
        });

        assertSame(notFound, assertThrows(NotFoundError.class, () -> engine.run(ECHO, "x")));
    }

    @Test
    void checkedExceptionsBecomeSystemErrorsWithTheirMessage() {
        IOException cause = new IOException("disk full");
        engine.register(ECHO, job -> {
            throw cause;
        });

        SystemError e = assertThrows(SystemError.class, () -> engine.run(ECHO, "x"));
        assertEquals("disk full", e.getMessage());
        assertSame(cause, e.getCause());
    }

    @Test
    void uncheckedExceptionsBecomeSystemErrors() {
        engine.register(ECHO, job -> {
            throw new IllegalStateException("broken state");
        });

        SystemError e = assertThrows(SystemError.class, () -> engine.run(ECHO, "x"));
        assertEquals("broken state", e.getMessage());
        assertInstanceOf(IllegalStateException.class, e.getCause());
    }

    @Test
    void anExceptionWithoutMessageIsNamedByItsClass() {
        engine.register(ECHO, job -> {
            throw new NullPointerException();
        });

        assertEquals("java.lang.NullPointerException",
                assertThrows(SystemError.class, () -> engine.run(ECHO, "x")).getMessage());
    }

    @Test
    void anInterruptedHandlerKeepsTheInterruptFlag() {
        engine.register(ECHO, job -> {
            throw new InterruptedException("stopped");
        });

        try {
            assertThrows(SystemError.class, () -> engine.run(ECHO, "x"));
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void aCancelledCallerDoesNotStartTheJob() {
        AtomicBoolean handled = new AtomicBoolean();
        engine.register(ECHO, job -> {
            handled.set(true);
            return "ran";
        });
        Cancellation cancellation = new Cancellation();
        cancellation.cancel();

        CancelledError e = assertThrows(CancelledError.class, () -> engine.run(ECHO, "x", JobIO.of(cancellation)));
        assertTrue(e.getMessage().contains("'echo'"), e.getMessage());
        assertFalse(handled.get());
    }

    @Test
    void inputOfTheWrongTypeIsRefused() {
        engine.register(ECHO, answering("ran"));
        @SuppressWarnings({"unchecked", "rawtypes"})
        JobType<Object, String> raw = (JobType) ECHO;

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> engine.run(raw, 42));
        assertTrue(e.getMessage().contains("java.lang.String"), e.getMessage());
    }

    @Test
    void nullInputAndNullOutputAreAllowed() {
        engine.register(ECHO, job -> job.input() == null ? null : "not null");

        assertNull(engine.run(ECHO, null));
    }

    @Test
    void outputOfTheWrongTypeIsASystemError() {
        @SuppressWarnings({"unchecked", "rawtypes"})
        JobHandler<String, Integer> liar = (JobHandler) (JobHandler<String, String>) job -> "five";
        engine.register(LENGTH, liar);

        SystemError e = assertThrows(SystemError.class, () -> engine.run(LENGTH, "hello"));
        assertTrue(e.getMessage().contains("java.lang.String") && e.getMessage().contains("java.lang.Integer"),
                e.getMessage());
    }

    @Test
    void aRunningJobFinishesWhenItsHandlerIsWithdrawn() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        engine.bindHandler((JobHandler<String, String>) job -> {
            started.countDown();
            assertTrue(release.await(10, TimeUnit.SECONDS));
            return "finished";
        }, service(50, null, "echo"));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<String> running = pool.submit(() -> engine.run(ECHO, "x"));
            assertTrue(started.await(10, TimeUnit.SECONDS));

            engine.unbindHandler(answering("ignored"), service(50, null, "echo"));
            assertFalse(engine.handles(ECHO));
            release.countDown();

            assertEquals("finished", running.get(10, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
    }

    /** Handlers come and go while jobs run: every run gets a handler's answer or Unavailable. */
    @Test
    void handlersComeAndGoWhileJobsRun() throws Exception {
        engine.register(ECHO, answering("base"));
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger runs = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> work = new ArrayList<>();
            work.add(pool.submit(() -> {
                for (long id = 100; !stop.get(); id++) {
                    engine.bindHandler(answering("service " + id), service(id, (int) (id % 3), "echo"));
                    Registration r = engine.register(ECHO, answering("registered"));
                    engine.unbindHandler(answering("ignored"), service(id, (int) (id % 3), "echo"));
                    r.close();
                }
            }));
            for (int t = 0; t < 2; t++) {
                work.add(pool.submit(() -> {
                    for (int i = 0; i < 20_000; i++) {
                        String answer = engine.run(ECHO, "x");
                        assertTrue(answer.equals("base") || answer.startsWith("service ") || answer.equals("registered"),
                                answer);
                        runs.incrementAndGet();
                    }
                }));
            }
            work.get(1).get(15, TimeUnit.SECONDS);
            work.get(2).get(15, TimeUnit.SECONDS);
            stop.set(true);
            work.get(0).get(5, TimeUnit.SECONDS);
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
        assertEquals(40_000, runs.get());
        assertEquals("base", engine.run(ECHO, "x"));
        assertEquals(Set.of("echo"), engine.jobs());
    }
}
