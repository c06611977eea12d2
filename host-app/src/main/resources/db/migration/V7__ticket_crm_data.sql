-- What the CRM session asked the host to keep with a conversation's ticket (TicketRef.crmData, for
-- example the Zendesk requester's id), handed back on the conversation's later calls so the session
-- need not look it up in the CRM again. Opaque to the host.
ALTER TABLE conversations ADD COLUMN ticket_crm_data VARCHAR(512);
