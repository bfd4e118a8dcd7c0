/**
 * A negation as the text arrives: apostrophes are dropped ("can't" is "cant"; a curly one leaves
 * "can t"). One list for every reader that turns on "not": limits that a negation turns round
 * ("search can't go below 40k"), edits said not to happen ("don't cut TV").
 */
export const NEGATION = String.raw`(?:don t|dont|do not|doesn t|doesnt|does not|didn t|didnt|did not|never|not|shouldn t|shouldnt|should not|mustn t|mustnt|must not|can t|cant|cannot|can not|won t|wont|will not|isn t|isnt|aren t|arent)`;
