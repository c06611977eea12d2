package dev.deskbridge.host.pricing;

/**
 * A column of a schedule's decision table: the window that decides the price, in priority order
 * (a free entry point window wins over the customer service window).
 */
public enum OpenWindow {
    FREE_ENTRY_POINT,
    CUSTOMER_SERVICE,
    NONE
}
