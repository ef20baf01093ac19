package wharf.engine.api.image;

/**
 * The {@code image_delete} job's input, {@code DELETE /images/{name}}.
 *
 * @param name    a reference (untags it; the image goes when no reference is left) or an ID
 * @param force   remove an image referenced by several repositories, by ID
 * @param noPrune keep untagged parent images
 */
public record DeleteImage(String name, boolean force, boolean noPrune) {
}
