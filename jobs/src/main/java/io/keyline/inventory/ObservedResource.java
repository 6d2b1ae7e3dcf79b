package io.keyline.inventory;

import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/** A resource a credential was seen touching: when first and last, and with which action. */
@Internal
public class ObservedResource {

    public String resource;
    public long firstSeenAt;
    public long lastSeenAt;
    public String lastAction;
    public long calls;

    public ObservedResource() {}

    public ObservedResource(String resource, long seenAt, String action) {
        this.resource = resource;
        this.firstSeenAt = seenAt;
        this.lastSeenAt = seenAt;
        this.lastAction = action;
        this.calls = 1;
    }

    /** Gives {@code List<ObservedResource>} fields Flink's list serializer instead of Kryo. */
    public static class ListFactory extends TypeInfoFactory<List<ObservedResource>> {
        @Override
        public TypeInformation<List<ObservedResource>> createTypeInfo(
                Type t, Map<String, TypeInformation<?>> genericParameters) {
            return Types.LIST(Types.POJO(ObservedResource.class));
        }
    }
}
