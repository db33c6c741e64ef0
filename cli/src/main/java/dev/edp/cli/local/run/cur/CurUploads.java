package dev.edp.cli.local.run.cur;

import java.util.ArrayList;
import java.util.List;

/** Every cost report uploaded in the run (the CUR scenario's and the load phase's), in upload order. */
public final class CurUploads {

    private final List<CurUpload> uploads = new ArrayList<>();

    public synchronized void add(CurUpload upload) {
        uploads.add(upload);
    }

    public synchronized List<CurUpload> all() {
        return List.copyOf(uploads);
    }

    public synchronized List<CurUpload> good() {
        return uploads.stream().filter(CurUpload::good).toList();
    }

    public synchronized List<CurUpload> bad() {
        return uploads.stream().filter(u -> !u.good()).toList();
    }

    public synchronized List<CurUpload> inPhase(String phase) {
        return uploads.stream().filter(u -> u.phase().equals(phase)).toList();
    }
}
