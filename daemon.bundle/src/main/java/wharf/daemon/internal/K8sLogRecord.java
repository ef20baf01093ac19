package wharf.daemon.internal;

/**
 * One record of a CRI "k8s-file" log as conmon writes it.
 *
 * @param timeNanos when conmon read the bytes, in Unix nanoseconds
 * @param stderr whether the bytes came from stderr (a terminal's output is always stdout)
 * @param partial {@code P}: the original had no newline here, the line goes on in the next record
 * @param content the bytes, without the record's own newline
 */
record K8sLogRecord(long timeNanos, boolean stderr, boolean partial, byte[] content) {
}
