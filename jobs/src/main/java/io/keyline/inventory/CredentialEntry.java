package io.keyline.inventory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/** A credential as its identity holds it: the latest record, and which alerts already fired. */
@Internal
public class CredentialEntry {

    public CredentialRecord record;

    /** For each rule and severity, the event time of the episode that already fired. */
    @TypeInfo(TypeInfos.StringLongMap.class)
    public Map<String, Long> fired = new HashMap<>();

    public boolean dirty;

    /** The resources of its rows of {@code credential_reach} as last written. */
    @TypeInfo(TypeInfos.StringList.class)
    public List<String> reachRows = new ArrayList<>();

    public CredentialEntry() {}
}
