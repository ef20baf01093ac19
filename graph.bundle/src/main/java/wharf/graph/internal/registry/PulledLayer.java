package wharf.graph.internal.registry;

/**
 * One layer of a pulled image.
 *
 * @param blob          the compressed blob as the manifest names it
 * @param diffId        the digest of the uncompressed tar, from the image config
 * @param chainId       the layer stack up to and including this layer
 * @param parentChainId the stack below it, null for the bottom layer
 */
public record PulledLayer(Descriptor blob, String diffId, String chainId, String parentChainId) {
}
