package io.keyline.demo;

/**
 * One IAM change a person makes in the window through their SSO session, as planned for the user or
 * role it changes. The listings at the end agree with every such change.
 *
 * @param time epoch seconds
 * @param person who made it
 * @param argument what it is about: a key's slot, a {@link Grants} bit, or a group's ordinal
 */
record ManagementEvent(long time, Action action, int person, int argument) {

    /** The IAM API calls of the plans. */
    enum Action {
        CREATE_USER("CreateUser"),
        ATTACH_USER_POLICY("AttachUserPolicy"),
        DETACH_USER_POLICY("DetachUserPolicy"),
        PUT_USER_POLICY("PutUserPolicy"),
        ADD_USER_TO_GROUP("AddUserToGroup"),
        CREATE_ACCESS_KEY("CreateAccessKey"),
        UPDATE_ACCESS_KEY("UpdateAccessKey"),
        DELETE_ACCESS_KEY("DeleteAccessKey"),
        CREATE_ROLE("CreateRole"),
        ATTACH_ROLE_POLICY("AttachRolePolicy");

        private final String eventName;

        Action(String eventName) {
            this.eventName = eventName;
        }

        String eventName() {
            return eventName;
        }
    }
}
