package io.keyline.model;

import java.util.Objects;
import org.apache.flink.annotation.PublicEvolving;

/**
 * Where a credential is stored: the kind of store ({@code vault}, {@code aws-secrets-manager},
 * {@code k8s-secret}, {@code repo-file}, {@code env-file}, {@code laptop}...) and a path in it.
 */
@PublicEvolving
public class Location {

    private String store;
    private String path;

    public Location() {}

    public Location(String store, String path) {
        this.store = store;
        this.path = path;
    }

    public String getStore() {
        return store;
    }

    public void setStore(String store) {
        this.store = store;
    }

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Location)) {
            return false;
        }
        Location that = (Location) o;
        return Objects.equals(store, that.store) && Objects.equals(path, that.path);
    }

    @Override
    public int hashCode() {
        return Objects.hash(store, path);
    }

    @Override
    public String toString() {
        return store + ":" + path;
    }
}
