package wharf.engine.internal;

import java.util.List;
import wharf.engine.api.Job;
import wharf.engine.api.JobHandler;
import wharf.engine.api.JobInterceptor;

/**
 * The interceptors of one run, in order, then its handler. Each interceptor's
 * {@link JobInterceptor.Proceed} runs the rest of the chain from the next position.
 */
record JobChain<I>(List<JobInterceptor> interceptors, JobHandler<I, ?> handler, Job<I> job) {

    Object proceed() throws Exception {
        return proceedFrom(0);
    }

    private Object proceedFrom(int index) throws Exception {
        if (index == interceptors.size()) {
            return handler.handle(job);
        }
        return interceptors.get(index).intercept(job, () -> proceedFrom(index + 1));
    }
}
