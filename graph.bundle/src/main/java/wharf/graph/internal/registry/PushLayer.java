package wharf.graph.internal.registry;

/**
 * One layer to push.
 *
 * @param diffId the digest of the uncompressed tar: progress names the layer by it, as dockerd does
 * @param blob   the blob to upload, stored in the {@link BlobStore} under its digest, with the
 *               media type the manifest will give it (usually
 *               {@link MediaTypes#DOCKER_LAYER_GZIP})
 */
public record PushLayer(String diffId, Descriptor blob) {
}
