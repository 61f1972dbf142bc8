package io.corridor.tracking.shipments;

/**
 * SQL fragments over a shipment aliased {@code s}, shared by retention, legal hold and the held
 * track, so that "ended", "its journey" and "held" mean one thing everywhere.
 */
public final class JourneySql {

  /** The shipment has ended for retention (closed or cancelled); its limits count from {@code s.updated_at}. */
  public static final String ENDED = "s.state IN ('closed', 'cancelled')";

  /** Its first release, null when it was never released: where its journey's positions begin. */
  public static final String RELEASED_AT =
      "(SELECT min(t.at) FROM shipment_transitions t WHERE t.shipment_id = s.shipment_id AND t.to_state = 'released')";

  /** It has an open legal hold: the retention job expires nothing of it. */
  public static final String HELD = """
      EXISTS (SELECT 1 FROM shipment_holds sh JOIN legal_holds l USING (case_ref)
               WHERE sh.shipment_id = s.shipment_id AND l.released_at IS NULL)""";

  private JourneySql() {}
}
