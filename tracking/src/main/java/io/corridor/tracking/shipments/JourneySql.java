package io.corridor.tracking.shipments;

/**
 * SQL fragments over a shipment aliased {@code s}, shared by retention, legal hold and the held
 * track, so that "ended", "its journey" and "held" mean one thing everywhere.
 */
public final class JourneySql {

  /** The shipment has ended for retention (closed or cancelled); its limits count from {@code s.updated_at}. */
  public static final String ENDED = "s.state IN ('closed', 'cancelled')";

  /**
   * Where its journey begins: an hour before its planned departure or its first release, whichever
   * is earlier (trucks leave before the release is keyed in); null when it was never released. The
   * track shows the journey's positions, a legal hold copies them, retention purges them.
   */
  public static final String JOURNEY_FROM = """
      (SELECT least(min(t.at), (s.declaration->>'plannedDeparture')::timestamptz) - interval '1 hour'
         FROM shipment_transitions t WHERE t.shipment_id = s.shipment_id AND t.to_state = 'released'
       HAVING min(t.at) IS NOT NULL)""";

  /** Where its journey ends: when it left transit (arrived or cancelled); null while in transit or never released. */
  public static final String JOURNEY_TO = """
      (SELECT min(t.at) FROM shipment_transitions t WHERE t.shipment_id = s.shipment_id AND t.from_state = 'released')""";

  /** It has an open legal hold: the retention job expires nothing of it. */
  public static final String HELD = """
      EXISTS (SELECT 1 FROM shipment_holds sh JOIN legal_holds l USING (case_ref)
               WHERE sh.shipment_id = s.shipment_id AND l.released_at IS NULL)""";

  private JourneySql() {}
}
