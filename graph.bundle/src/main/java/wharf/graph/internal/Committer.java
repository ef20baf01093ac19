package wharf.graph.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import wharf.common.GoTime;
import wharf.engine.api.NotFoundError;
import wharf.engine.api.image.CommitImage;
import wharf.engine.api.image.ContainerConfig;
import wharf.engine.api.image.Reference;
import wharf.common.fs.FileTrees;

/**
 * {@code docker commit}'s image half, as dockerd's {@code CommitImage} and {@code NewChildImage}:
 * the container's writable layer becomes a layer over its image's, unless it holds no change
 * (then the history entry says {@code empty_layer}); the config is the container's with the
 * changes applied, {@code container} and {@code container_config} name where it came from, the
 * history entry's {@code created_by} is the container's Cmd. The image's local parent is the
 * container's image.
 */
final class Committer {
    private static final String OS = "linux";

    private final ImageStore store;

    Committer(ImageStore store) {
        this.store = store;
    }

    String commit(CommitImage in) throws IOException {
        Reference tag = Importer.repoTag(in.repo(), in.tag());
        Image parent = store.image(in.parentImageId());
        if (parent == null) {
            throw new NotFoundError("No such image: " + in.parentImageId());
        }
        ContainerConfig config = Changes.apply(in.config() != null ? in.config() : in.containerConfig(), in.changes());
        Path work = store.staging().newDirectory("commit");
        try {
            Staging.StagedFile diff = writeLayer(in.layer(), in.excluded(), work.resolve("layer.tar"));
            boolean empty = diff.digest().equals(LayerTar.EMPTY_TAR);
            List<String> diffIds = new ArrayList<>(parent.config().diffIds());
            if (!empty) {
                Layer layer = store.layers().register(parent.topLayer(), diff, diff.digest(), null);
                diffIds.add(layer.diffId());
            }
            String created = GoTime.now();
            List<ImageConfig.History> history = new ArrayList<>(parent.config().historyOrEmpty());
            history.add(new ImageConfig.History(created, nullIfEmpty(createdBy(in.containerConfig())),
                    nullIfEmpty(in.author()), nullIfEmpty(in.comment()), empty));
            ImageConfig p = parent.config();
            ImageConfig image = new ImageConfig(p.architecture(), null, config, in.containerId(), in.containerConfig(),
                    created, null, nullIfEmpty(in.author()), history, OS, p.osVersion(), p.variant(),
                    new ImageConfig.RootFs("layers", diffIds));
            Image added = store.commit(Json.MAPPER.writeValueAsBytes(image), parent.id(), List.of());
            if (tag != null) {
                store.tag(tag, added.id());
                store.events().publish("tag", added, tag.familiar());
            }
            return added.id();
        } finally {
            FileTrees.deleteQuietly(work);
        }
    }

    /** The layer's tar, uncompressed (its blob digest is its diff ID). */
    private static Staging.StagedFile writeLayer(Path layer, Set<String> excluded, Path file) throws IOException {
        MessageDigest sha = Digests.sha256();
        try (OutputStream raw = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                DigestOutputStream out = new DigestOutputStream(raw, sha)) {
            LayerTar.write(layer, excluded, out);
        }
        return new Staging.StagedFile(file, Digests.of(sha), Files.size(file));
    }

    /** dockerd joins the container's Cmd with spaces. */
    private static String createdBy(ContainerConfig c) {
        return c == null || c.cmd() == null ? "" : String.join(" ", c.cmd());
    }

    private static String nullIfEmpty(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
