package wharf.engine.api.container;

/** The {@code image_users} job's input: an image by its full ID ({@code sha256:…}). */
public record ImageUsersQuery(String imageId) {
}
