package wharf.engine.internal;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.List;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import wharf.engine.api.JobHandler;
import wharf.engine.api.JobInfo;

/**
 * Describes a job's handlers for introspection. It keeps names only, never classes, so a listing
 * holds on to no class loader of a bundle that goes away.
 */
final class JobDescription {
    private JobDescription() {
    }

    /** The job with its handlers, the serving one first; null when it has none (it went meanwhile). */
    static JobInfo of(String job, List<Handler> handlers) {
        if (handlers.isEmpty()) {
            return null;
        }
        String[] types = null;
        for (Handler h : handlers) {
            types = types(h);
            if (types != null) {
                break;
            }
        }
        List<JobInfo.Provider> providers = handlers.stream().map(JobDescription::provider).toList();
        return new JobInfo(job, types == null ? null : types[0], types == null ? null : types[1], providers.get(0),
                providers.subList(1, providers.size()));
    }

    private static JobInfo.Provider provider(Handler h) {
        Bundle bundle = FrameworkUtil.getBundle(h.handler().getClass());
        return new JobInfo.Provider(bundle == null ? null : bundle.getSymbolicName(),
                bundle == null ? null : bundle.getVersion().toString(), h.rank().ranking(),
                h.rank().source() == Rank.Source.SERVICE);
    }

    /** The declared input and output class names, or null when the handler does not tell them. */
    private static String[] types(Handler h) {
        if (h.declared() != null) {
            return new String[] {h.declared().input().getName(), h.declared().output().getName()};
        }
        return typeArguments(h.handler().getClass());
    }

    /** {@code JobHandler<I, O>}'s arguments where a class in the hierarchy implements it with concrete types. */
    static String[] typeArguments(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Type t : c.getGenericInterfaces()) {
                if (t instanceof ParameterizedType p && p.getRawType() == JobHandler.class) {
                    String input = name(p.getActualTypeArguments()[0]);
                    String output = name(p.getActualTypeArguments()[1]);
                    return input == null || output == null ? null : new String[] {input, output};
                }
            }
        }
        return null;
    }

    private static String name(Type t) {
        if (t instanceof Class<?> c) {
            return c.getName();
        }
        if (t instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
            return raw.getName();
        }
        return null;
    }
}
