-- Steps analysts add from the element template "Tell the order system" record MILESTONE outcomes.
alter table case_outcome drop constraint case_outcome_type;
alter table case_outcome add constraint case_outcome_type check (type in ('BACKORDERED', 'DATE_CHANGED',
    'DISCOUNT_GRANTED', 'PARTIALLY_ALLOCATED', 'ALLOCATED', 'SUBSTITUTED', 'CANCELLED', 'ESCALATED', 'MILESTONE'));
