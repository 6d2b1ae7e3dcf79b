package io.keyline.inventory;

import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * One piece of evidence of who owns a credential or identity, besides its creator: the candidate's
 * login, where the evidence comes from ({@link io.keyline.model.OwnerSources}) and its event time.
 */
@Internal
public class OwnerEvidence {

    public String login;
    public String source;
    public long time;

    public OwnerEvidence() {}

    public OwnerEvidence(String login, String source, long time) {
        this.login = login;
        this.source = source;
        this.time = time;
    }

    /** Gives {@code List<OwnerEvidence>} fields Flink's list serializer instead of Kryo. */
    public static class ListFactory extends TypeInfoFactory<List<OwnerEvidence>> {
        @Override
        public TypeInformation<List<OwnerEvidence>> createTypeInfo(
                Type t, Map<String, TypeInformation<?>> genericParameters) {
            return Types.LIST(Types.POJO(OwnerEvidence.class));
        }
    }
}
