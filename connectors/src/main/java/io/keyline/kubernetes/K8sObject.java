package io.keyline.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;

/** One object of a Kubernetes listing with its kind, which typed lists leave to the list. */
record K8sObject(JsonNode node, String kind) {}
