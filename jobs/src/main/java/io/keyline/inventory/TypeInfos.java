package io.keyline.inventory;

import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/** Type information for collection fields of state POJOs, so that none falls back to Kryo. */
final class TypeInfos {

    private TypeInfos() {}

    /** For {@code List<String>} fields. */
    public static class StringList extends TypeInfoFactory<List<String>> {
        @Override
        public TypeInformation<List<String>> createTypeInfo(
                Type t, Map<String, TypeInformation<?>> genericParameters) {
            return Types.LIST(Types.STRING);
        }
    }

    /** For {@code Map<String, Long>} fields. */
    public static class StringLongMap extends TypeInfoFactory<Map<String, Long>> {
        @Override
        public TypeInformation<Map<String, Long>> createTypeInfo(
                Type t, Map<String, TypeInformation<?>> genericParameters) {
            return Types.MAP(Types.STRING, Types.LONG);
        }
    }
}
