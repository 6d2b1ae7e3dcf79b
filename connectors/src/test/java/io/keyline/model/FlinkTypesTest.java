package io.keyline.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.junit.jupiter.api.Test;

class FlinkTypesTest {

    @Test
    void identityEventIsAPojoWithNoFieldLeftToKryo() {
        TypeInformation<IdentityEvent> type = TypeInformation.of(IdentityEvent.class);
        assertThat(type).isInstanceOf(PojoTypeInfo.class);
        PojoTypeInfo<IdentityEvent> pojo = (PojoTypeInfo<IdentityEvent>) type;
        for (int i = 0; i < pojo.getArity(); i++) {
            assertThat(pojo.getPojoFieldAt(i).getTypeInformation())
                    .as(pojo.getPojoFieldAt(i).getField().getName())
                    .isNotInstanceOf(GenericTypeInfo.class);
        }
        ExecutionConfig config = new ExecutionConfig();
        config.disableGenericTypes();
        assertThat(type.createSerializer(config.getSerializerConfig())).isNotNull();
    }
}
