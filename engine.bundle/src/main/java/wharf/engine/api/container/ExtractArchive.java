package wharf.engine.api.container;

/**
 * {@code PUT /containers/{name}/archive}: the tar on the job's stdin is extracted under
 * {@code path}, a directory in the container.
 *
 * @param noOverwriteDirNonDir refuse to replace a directory with a non-directory or the reverse
 * @param copyUIDGID           own the files by the container's user (its {@code Config.User})
 *                             instead of the IDs in the tar
 */
public record ExtractArchive(String name, String path, boolean noOverwriteDirNonDir, boolean copyUIDGID) {
}
