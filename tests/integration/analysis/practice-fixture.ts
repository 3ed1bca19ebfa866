/**
 * A small hand-made practice for the analysis integration tests (three weeks of March 2025,
 * America/New_York, facility setting). What each encounter is for:
 * - E1 chemo 190 min, billed 96415 ×1 of 2 → coding missed_addon_hours 96415 ×1 (Medicare)
 * - E2 therapeutic 150 min, the claim denied CO-16 → payer denied_line ×2 (Aetna, 96365 valued at the own paid median)
 * - F1–F5 the same infusion billed and paid: ≥5 paid Aetna 96365/96366 lines → own paid medians
 * - E3 hydration 180 min, 96361 ×2 paid for 1 (CO-151, on its own claim) → payer unit_cut 96361 ×1
 *
 * (Lines of one claims-CSV claim share a derived status here: netClaimVersions takes lines with a
 * different status for another version of the claim.)
 * - E4 chemo 120 min: original short an hour, reversed (freq 8) and corrected (freq 7) → nets to nothing
 * - E5 iron sucrose with no stop → documentation missing_stop_time (estimate at the median 150 min)
 * - E6 hydration 120 min billed 96361 ×3 → compliance overcoded_units 96361 ×2 (not leakage)
 * - E7 push matched by patient + date (no encounter id on the claim); an unsupported 96375 → compliance
 * - E8 hydration with no payer and no claim → coding missed_initial (payer none)
 * - E9 (week of Mar 17) whose claim carries a date of the week before → matched across weeks by id
 * - E10 (week of Mar 3) whose correction moved the claim's date into the next week → netted across weeks
 * - CM1–CM5: Medicare 96417 claims with no encounter, each reversed and corrected → the own paid median
 *   of Medicare 96417 (11500) comes from netted versions only
 */
export const SESSIONS_CSV = `encounter_id,patient_id,drug,hcpcs,category,route,start,stop,iv_site,primary_reason,date_of_service,site,nurse,payer,setting
E1,P1,Oxaliplatin,J9263,chemo,IV,2025-03-04T09:00,2025-03-04T12:10,port,,2025-03-04,Main,RN Adams,Medicare,
E2,P2,Iron sucrose,J1756,therapeutic,IVPB,2025-03-04T09:00,2025-03-04T11:30,R hand,,2025-03-04,Main,RN Baker,Aetna,
F1,P11,Iron sucrose,J1756,therapeutic,IVPB,2025-03-05T09:00,2025-03-05T11:30,R hand,,2025-03-05,North,RN Cole,Aetna,
F2,P12,Iron sucrose,J1756,therapeutic,IVPB,2025-03-05T09:00,2025-03-05T11:30,R hand,,2025-03-05,North,RN Cole,Aetna,
F3,P13,Iron sucrose,J1756,therapeutic,IVPB,2025-03-05T09:00,2025-03-05T11:30,R hand,,2025-03-05,North,RN Cole,Aetna,
F4,P14,Iron sucrose,J1756,therapeutic,IVPB,2025-03-06T09:00,2025-03-06T11:30,R hand,,2025-03-06,North,RN Cole,Aetna,
F5,P15,Iron sucrose,J1756,therapeutic,IVPB,2025-03-06T09:00,2025-03-06T11:30,R hand,,2025-03-06,North,RN Cole,Aetna,
E10,P10,Ondansetron,J2405,therapeutic,IV Push,2025-03-07T09:00,2025-03-07T09:02,R hand,,2025-03-07,Main,RN Baker,Aetna,
E3,P3,Normal saline,J7050,hydration,IV,2025-03-11T10:00,2025-03-11T13:00,L arm,,2025-03-11,Main,RN Adams,Medicare,
E4,P4,Oxaliplatin,J9263,chemo,IV,2025-03-12T09:00,2025-03-12T11:00,port,,2025-03-12,Main,RN Baker,Medicare,
E5,P5,Iron sucrose,J1756,therapeutic,IVPB,2025-03-18T10:00,,R hand,,2025-03-18,North,RN Cole,Aetna,
E6,P6,Normal saline,J7050,hydration,IV,2025-03-19T10:00,2025-03-19T12:00,L arm,,2025-03-19,Main,RN Adams,Medicare,
E7,P7,Ondansetron,J2405,therapeutic,IV Push,2025-03-20T09:00,2025-03-20T09:02,R hand,,2025-03-20,Main,RN Baker,Aetna,
E8,P8,Normal saline,J7050,hydration,IV,2025-03-20T10:00,2025-03-20T11:00,L arm,,2025-03-20,North,RN Cole,,
E9,P9,Normal saline,J7050,hydration,IV,2025-03-21T10:00,2025-03-21T11:00,L arm,,2025-03-21,Main,RN Adams,Medicare,
`;

const H = "claim_id,encounter_id,patient_id,date_of_service,payer,cpt,modifiers,units,billed_amount,allowed_amount,paid_amount,paid_units,adjustment_codes,remark_codes,claim_status,paid_date,claim_frequency";
const paidF = (n: number, paid96365: string) => [
  `CF${n},F${n},P1${n},2025-03-0${n <= 3 ? 5 : 6},Aetna,96365,,1,300.00,${paid96365},${paid96365},1,CO-45:10.00,,,2025-03-20,1`,
  `CF${n},F${n},P1${n},2025-03-0${n <= 3 ? 5 : 6},Aetna,96366,,1,120.00,60.00,60.00,1,CO-45:60.00,,,2025-03-20,1`,
];

/** Medicare 96417 paid on five claims that were each reversed and corrected: the own paid median comes from netted versions only. */
const corrected96417 = [110, 120, 105, 115, 130].flatMap((paid, i) => [
  `CM${i + 1},,PX${i + 1},2025-03-05,Medicare,96417,,1,200.00,120.00,100.00,1,CO-45:100.00,,,2025-03-20,1`,
  `CM${i + 1},,PX${i + 1},2025-03-05,Medicare,96417,,1,(200.00),(120.00),(100.00),1,CO-45:(100.00),,reversed,2025-03-27,8`,
  `CM${i + 1},,PX${i + 1},2025-03-05,Medicare,96417,,1,200.00,${paid}.00,${paid}.00,1,CO-45:${200 - paid}.00,,,2025-03-27,7`,
]);

export const CLAIMS_CSV = [
  H,
  "C1,E1,P1,2025-03-04,Medicare,96413,,1,450.00,300.00,240.00,1,CO-45:150.00;PR-2:60.00,,paid,2025-03-20,1",
  "C1,E1,P1,2025-03-04,Medicare,96415,,1,100.00,60.00,48.00,1,CO-45:40.00;PR-2:12.00,,paid,2025-03-20,1",
  "C1,E1,P1,2025-03-04,Medicare,J9263,,10,1000.00,800.00,800.00,10,CO-45:200.00,,paid,2025-03-20,1",
  "C2,E2,P2,2025-03-04,Aetna,96365,,1,300.00,,0.00,0,CO-16:300.00,MA130,,2025-03-20,1",
  "C2,E2,P2,2025-03-04,Aetna,96366,,1,120.00,,0.00,0,CO-16:120.00,MA130,,2025-03-20,1",
  ...paidF(1, "150.00"),
  ...paidF(2, "160.00"),
  ...paidF(3, "140.00"),
  ...paidF(4, "155.00"),
  ...paidF(5, "150.00"),
  "C10,E10,P10,2025-03-07,Aetna,96374,,1,150.00,90.00,90.00,1,CO-45:60.00,,,2025-03-21,1",
  "C10,E10,P10,2025-03-10,Aetna,96374,,1,150.00,95.00,95.00,1,CO-45:55.00,,,2025-04-04,7",
  "C3,E3,P3,2025-03-11,Medicare,96360,,1,200.00,100.00,100.00,1,CO-45:100.00,,,2025-03-25,1",
  "C3B,E3,P3,2025-03-11,Medicare,96361,,2,100.00,50.00,25.00,1,CO-45:25.00;CO-151:50.00,N362,,2025-03-25,1",
  "C4,E4,P4,2025-03-12,Medicare,96413,,1,450.00,300.00,300.00,1,CO-45:150.00,,,2025-03-26,1",
  "C4,E4,P4,2025-03-12,Medicare,96413,,1,(450.00),(300.00),(300.00),1,CO-45:(150.00),,reversed,2025-04-02,8",
  "C4,E4,P4,2025-03-12,Medicare,96413,,1,450.00,300.00,300.00,1,CO-45:150.00,,,2025-04-02,7",
  "C4,E4,P4,2025-03-12,Medicare,96415,,1,100.00,60.00,60.00,1,CO-45:40.00,,,2025-04-02,7",
  "C9,E9,P9,2025-03-14,Medicare,96360,,1,200.00,,0.00,0,CO-16:200.00,,,2025-04-01,1",
  "C5,E5,P5,2025-03-18,Aetna,96374,,1,150.00,90.00,90.00,1,CO-45:60.00,,,2025-04-01,1",
  "C6,E6,P6,2025-03-19,Medicare,96360,,1,200.00,100.00,100.00,1,CO-45:100.00,,,2025-04-01,1",
  "C6,E6,P6,2025-03-19,Medicare,96361,,3,150.00,75.00,75.00,3,CO-45:75.00,,,2025-04-01,1",
  "C7,,P7,2025-03-20,Aetna,96374,,1,150.00,90.00,90.00,1,CO-45:60.00,,,2025-04-01,1",
  "C7,,P7,2025-03-20,Aetna,96375,,1,60.00,40.00,40.00,1,CO-45:20.00,,,2025-04-01,1",
  ...corrected96417,
  "",
].join("\n");

export const FEE_SCHEDULE_CSV = `payer,cpt,rate,effective_from,effective_to
Medicare,96415,30.00,2025-01-01,
*,96361,15.00,2025-01-01,
Aetna,96374,90.00,2025-01-01,
`;

/** The other organization: same claim id C1 and patient ids, never to be read or touched by the first's recompute. */
export const OTHER_SESSIONS_CSV = `encounter_id,patient_id,drug,hcpcs,category,route,start,stop,iv_site,primary_reason,date_of_service,site,nurse,payer,setting
X1,P1,Oxaliplatin,J9263,chemo,IV,2025-03-04T09:00,2025-03-04T12:10,port,,2025-03-04,Main,RN Adams,Medicare,
`;
export const OTHER_CLAIMS_CSV = [H, "C1,X1,P1,2025-03-04,Medicare,96413,,1,450.00,300.00,240.00,1,CO-45:150.00,,,2025-03-20,1", ""].join("\n");

export const WEEK_A = "2025-03-03";
export const WEEK_B = "2025-03-10";
export const WEEK_C = "2025-03-17";
